{application,x,
             [{description,"A Graft relup fixture"},
              {vsn,"1.2.7"},
              {modules,['x.X','x.Y','x.Z','x.W']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
